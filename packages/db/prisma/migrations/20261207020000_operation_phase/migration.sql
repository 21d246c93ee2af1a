-- A delete of an environment whose database has deletion protection runs in two phases: an update that
-- turns the protection off (RDS refuses to delete a protected instance, so DeleteStack would end in
-- DELETE_FAILED), then the delete itself. `phase` says which one the tracker is following; NULL for
-- single-phase operations.
-- AlterTable
ALTER TABLE `operations` ADD COLUMN `phase` VARCHAR(32) NULL;
