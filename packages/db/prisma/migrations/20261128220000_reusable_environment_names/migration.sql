-- A deleted environment's name can be used again (CloudFormation and the local sandbox both allow a new
-- stack under a deleted one's name). Uniqueness moves from `name` to a column the database derives: the
-- name while the environment exists, NULL once it is deleted (a unique index admits any number of NULLs).
-- AlterTable
ALTER TABLE `environments` ADD COLUMN `activeName` VARCHAR(128) AS (IF(`status` = 'deleted', NULL, `name`)) PERSISTENT;

-- DropIndex
DROP INDEX `environments_target_region_name_key` ON `environments`;

-- CreateIndex
CREATE UNIQUE INDEX `environments_target_region_activeName_key` ON `environments`(`target`, `region`, `activeName`);
