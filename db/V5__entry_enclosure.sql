-- An entry may name one medium of the library as its enclosure (a podcast episode's audio, say);
-- the feed then points at it. The foreign key keeps a medium from being deleted while an entry
-- names it, whatever races: such a delete fails, and the API answers 409. Deleting the entry
-- frees the medium. Portable SQL: the same file runs on H2 and PostgreSQL.

ALTER TABLE entry ADD COLUMN enclosure_id BIGINT;

-- Answers "which entry uses this medium?" and the foreign key's check on a medium's delete
-- (PostgreSQL does not index a referencing column by itself).
CREATE INDEX entry_enclosure ON entry (enclosure_id);

ALTER TABLE entry ADD CONSTRAINT entry_enclosure_media FOREIGN KEY (enclosure_id) REFERENCES media (id);
