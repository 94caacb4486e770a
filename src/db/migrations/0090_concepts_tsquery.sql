-- Issue 20, search speed: a thesaurus concept's queries for pages and snippets (all its labels) in a compiled
-- query. They were `coalesce((select … from search_concept_labels …), kitap_labels_tsquery(labels))` in each
-- query: the fallback's arguments are constants, so PostgreSQL computed it while planning (an immutable function
-- of constants is folded) even where the stored queries were there — every label stemmed five ways, twice a
-- query: 7 of the 10 ms that compiling "earthquakes" took at 100,000 publications. A stable function is called
-- only when the statement runs, and stems the labels only when the database has not got them yet.
create function kitap_concepts_tsquery(concepts text[], labels text[]) returns tsquery
language plpgsql stable parallel safe as $$
declare
  q tsquery;
begin
  select kitap_tsquery_or_agg(query) into q from search_concept_labels where concept = any(concepts);
  return coalesce(q, kitap_labels_tsquery(labels));
end $$;
