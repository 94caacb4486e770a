-- Issue 16, serving speed: the citations citeproc formats (APA, Chicago, Harvard; milliseconds each, most of an
-- item page's first rendering) kept with the record. One row per publication, format and reader's language
-- ("slot": 'apa en'), with what it was formatted from (input: a hash of citeproc's input, the origin and the
-- access date left out) and by (version: src/cite/format.ts CITEPROC_VERSION). A row is used only while both
-- match what the record and the code give now; otherwise the citation is formatted again and the row replaced
-- (src/cite/stored.ts). Written when a publication is written and by the first reader of a missing or stale one;
-- filled for existing rows by the server at start. Derived data: not archived, and no trigger on it changes
-- search_state 'pages' (writing a citation changes no page).
create table publication_citations (
  publication_id int not null references publications (id) on delete cascade,
  slot text not null,
  version text not null,
  input text not null,
  body text not null,
  primary key (publication_id, slot)
);
