-- Issue 21: a right-to-left override (or another bidirectional control) in a file name reverses the name
-- shown ("report‮fdp.exe" shows as "reportexe.pdf"). New names lose them (src/admin/upload.ts
-- cleanFileName); names stored before lose them here.
update files set original_name = regexp_replace(original_name, '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]', '', 'g')
 where original_name ~ '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]';
update ingest_jobs set original_name = regexp_replace(original_name, '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]', '', 'g')
 where original_name ~ '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]';
