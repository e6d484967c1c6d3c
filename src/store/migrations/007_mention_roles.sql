-- Why a report reads as it does, from the parse: the trigger word's lemma, each actor's role
-- (source or target) with the tree relation that gave it, and how the date expression hangs
-- on its clause. `show` prints them; an event's source and target are the union over its
-- reports.
ALTER TABLE mentions ADD COLUMN lemma TEXT;
ALTER TABLE mentions ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';  -- JSON [{role, actor, relation}]
ALTER TABLE mentions ADD COLUMN date_clause TEXT;
