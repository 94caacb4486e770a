-- Issue 21: an identifier of scheme 'url' is shown as a link, and only http(s) addresses are accepted now
-- (src/domain/publication.ts). One stored before that check (javascript:, data:, a bare host name) keeps
-- its value as an identifier of scheme 'other', which is shown as text.
delete from publication_identifiers u
 where u.scheme = 'url' and u.value !~* '^https?://[^/?#]'
   and exists (select 1 from publication_identifiers o where o.publication_id = u.publication_id and o.scheme = 'other' and o.value = u.value);
update publication_identifiers set scheme = 'other' where scheme = 'url' and value !~* '^https?://[^/?#]';
