-- The company's record of a member (PATCH /users/{id}): the name and phone number the company
-- knows them by. Users are accounts shared across organizations; these columns belong to one
-- membership, so one company's edit never renames the person elsewhere.

ALTER TABLE memberships ADD COLUMN display_name TEXT;
ALTER TABLE memberships ADD COLUMN phone TEXT;
