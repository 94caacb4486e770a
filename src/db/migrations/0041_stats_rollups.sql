-- Usage reports fast at a million events a year (issue 15): every report reads the smallest rollup that has
-- the columns it needs, and the monthly rollups follow stats_daily by triggers, by the difference a day's
-- rows make, instead of each month being summed again from its days whenever one of them is rolled up.
--   stats_monthly          month × publication × file (0: the item page)   by file
--   stats_monthly_country  month × publication × country                    by country within some publications
--   stats_monthly_item     month × publication                              by publication, funder, project, topic; SUSHI
--   stats_monthly_platform month × country                                  totals, by month, year and country of everything
-- Deleting a publication deletes its days (on delete cascade), and the triggers take them off the platform too.

create table stats_monthly_item (
  month date not null,
  publication_id int not null references publications on delete cascade,
  investigations int not null default 0,
  unique_investigations int not null default 0,
  requests int not null default 0,
  unique_requests int not null default 0,
  primary key (publication_id, month)
);
create index stats_monthly_item_month on stats_monthly_item (month);

create table stats_monthly_platform (
  month date not null,
  country text not null default '',
  investigations int not null default 0,
  unique_investigations int not null default 0,
  requests int not null default 0,
  unique_requests int not null default 0,
  primary key (month, country)
);

-- One publication's months (the readers' "views · downloads" line, SUSHI's item_id, a report of one publication).
create index stats_monthly_publication on stats_monthly (publication_id, month);
create index stats_monthly_country_publication on stats_monthly_country (publication_id, month);

insert into stats_monthly_item
select month, publication_id, sum(investigations), sum(unique_investigations), sum(requests), sum(unique_requests)
  from stats_monthly group by 1, 2;
insert into stats_monthly_platform
select month, country, sum(investigations), sum(unique_investigations), sum(requests), sum(unique_requests)
  from stats_monthly_country group by 1, 2;

-- New days' rows are added to each monthly rollup (a row made or grown).
create function stats_daily_added() returns trigger language plpgsql as $$
begin
  insert into stats_monthly as m (month, publication_id, file_id, investigations, unique_investigations, requests, unique_requests)
  select date_trunc('month', day)::date, publication_id, file_id,
         sum(investigations), sum(unique_investigations), sum(requests), sum(unique_requests)
    from added group by 1, 2, 3
  on conflict (month, publication_id, file_id) do update set
    investigations = m.investigations + excluded.investigations,
    unique_investigations = m.unique_investigations + excluded.unique_investigations,
    requests = m.requests + excluded.requests, unique_requests = m.unique_requests + excluded.unique_requests;
  insert into stats_monthly_country as m (month, publication_id, country, investigations, unique_investigations, requests, unique_requests)
  select date_trunc('month', day)::date, publication_id, country,
         sum(investigations), sum(unique_investigations), sum(requests), sum(unique_requests)
    from added group by 1, 2, 3
  on conflict (month, publication_id, country) do update set
    investigations = m.investigations + excluded.investigations,
    unique_investigations = m.unique_investigations + excluded.unique_investigations,
    requests = m.requests + excluded.requests, unique_requests = m.unique_requests + excluded.unique_requests;
  insert into stats_monthly_item as m (month, publication_id, investigations, unique_investigations, requests, unique_requests)
  select date_trunc('month', day)::date, publication_id,
         sum(investigations), sum(unique_investigations), sum(requests), sum(unique_requests)
    from added group by 1, 2
  on conflict (publication_id, month) do update set
    investigations = m.investigations + excluded.investigations,
    unique_investigations = m.unique_investigations + excluded.unique_investigations,
    requests = m.requests + excluded.requests, unique_requests = m.unique_requests + excluded.unique_requests;
  insert into stats_monthly_platform as m (month, country, investigations, unique_investigations, requests, unique_requests)
  select date_trunc('month', day)::date, country,
         sum(investigations), sum(unique_investigations), sum(requests), sum(unique_requests)
    from added group by 1, 2
  on conflict (month, country) do update set
    investigations = m.investigations + excluded.investigations,
    unique_investigations = m.unique_investigations + excluded.unique_investigations,
    requests = m.requests + excluded.requests, unique_requests = m.unique_requests + excluded.unique_requests;
  return null;
end $$;

-- Removed days' rows are taken off (only from rows that are there: a publication being deleted takes its own
-- away), and a row left with nothing (no investigation: no count at all) is removed, so that no report lists a zero.
create function stats_daily_removed() returns trigger language plpgsql as $$
begin
  update stats_monthly m set
    investigations = m.investigations - r.i, unique_investigations = m.unique_investigations - r.ui,
    requests = m.requests - r.r, unique_requests = m.unique_requests - r.ur
    from (select date_trunc('month', day)::date as month, publication_id, file_id, sum(investigations) as i,
                 sum(unique_investigations) as ui, sum(requests) as r, sum(unique_requests) as ur
            from removed group by 1, 2, 3) r
   where m.month = r.month and m.publication_id = r.publication_id and m.file_id = r.file_id;
  update stats_monthly_country m set
    investigations = m.investigations - r.i, unique_investigations = m.unique_investigations - r.ui,
    requests = m.requests - r.r, unique_requests = m.unique_requests - r.ur
    from (select date_trunc('month', day)::date as month, publication_id, country, sum(investigations) as i,
                 sum(unique_investigations) as ui, sum(requests) as r, sum(unique_requests) as ur
            from removed group by 1, 2, 3) r
   where m.month = r.month and m.publication_id = r.publication_id and m.country = r.country;
  update stats_monthly_item m set
    investigations = m.investigations - r.i, unique_investigations = m.unique_investigations - r.ui,
    requests = m.requests - r.r, unique_requests = m.unique_requests - r.ur
    from (select date_trunc('month', day)::date as month, publication_id, sum(investigations) as i,
                 sum(unique_investigations) as ui, sum(requests) as r, sum(unique_requests) as ur
            from removed group by 1, 2) r
   where m.month = r.month and m.publication_id = r.publication_id;
  update stats_monthly_platform m set
    investigations = m.investigations - r.i, unique_investigations = m.unique_investigations - r.ui,
    requests = m.requests - r.r, unique_requests = m.unique_requests - r.ur
    from (select date_trunc('month', day)::date as month, country, sum(investigations) as i,
                 sum(unique_investigations) as ui, sum(requests) as r, sum(unique_requests) as ur
            from removed group by 1, 2) r
   where m.month = r.month and m.country = r.country;
  delete from stats_monthly m using (select distinct date_trunc('month', day)::date as month, publication_id, file_id from removed) r
   where m.investigations = 0 and m.month = r.month and m.publication_id = r.publication_id and m.file_id = r.file_id;
  delete from stats_monthly_country m using (select distinct date_trunc('month', day)::date as month, publication_id, country from removed) r
   where m.investigations = 0 and m.month = r.month and m.publication_id = r.publication_id and m.country = r.country;
  delete from stats_monthly_item m using (select distinct date_trunc('month', day)::date as month, publication_id from removed) r
   where m.investigations = 0 and m.month = r.month and m.publication_id = r.publication_id;
  delete from stats_monthly_platform m using (select distinct date_trunc('month', day)::date as month, country from removed) r
   where m.investigations = 0 and m.month = r.month and m.country = r.country;
  return null;
end $$;

create trigger stats_daily_added after insert on stats_daily
  referencing new table as added for each statement execute function stats_daily_added();
create trigger stats_daily_removed after delete on stats_daily
  referencing old table as removed for each statement execute function stats_daily_removed();
