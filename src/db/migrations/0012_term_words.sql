-- A word typed without quotes is its words in any order, even when the parser splits it ("counter-trafficking"
-- gives counter-traffick, counter and traffick): as a phrase it made PostgreSQL read the positions of every
-- candidate, for no gain, since the whole compound is one of the words. Quoted text stays a phrase.
create or replace function kitap_term_tsquery(variants text[], skel text, phrase boolean) returns tsquery
language plpgsql immutable parallel safe as $$
declare
  q tsquery := kitap_tsquery(variants[1], phrase);
  v text;
begin
  if q is null or numnode(q) = 0 then return ''::tsquery; end if;
  foreach v in array variants[2:] loop
    q := q || coalesce(kitap_tsquery(v, phrase), ''::tsquery);
  end loop;
  if skel <> '' then q := q || skel::tsquery; end if;
  return q;
end $$;
drop function kitap_term_tsquery(text[], text);
