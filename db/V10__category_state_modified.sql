-- Beside each category's revision, the time of that revision (feed_state.modified as the change
-- claimed it): when the category's entries last changed. The later pages of a category's HTML
-- listing (?page=2 and beyond) take it as their Last-Modified, with nothing recorded per page.
-- Rows written before this column take the feed's latest modification time, which is no earlier
-- than any change they record. Portable SQL: the same file runs on H2 and PostgreSQL.

ALTER TABLE category_state ADD COLUMN modified TIMESTAMP WITH TIME ZONE;

UPDATE category_state SET modified = (SELECT modified FROM feed_state WHERE id = 1);

ALTER TABLE category_state ALTER COLUMN modified SET NOT NULL;
