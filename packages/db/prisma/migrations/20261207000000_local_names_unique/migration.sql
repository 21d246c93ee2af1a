-- The local sandbox is one "region": it keys stacks by name alone (sandbox/<name>/), so two local
-- environments of one name in different spec regions shared one stack, and deleting either destroyed the
-- other's. Uniqueness for local environments ignores the region: `stackRegion` is the region on AWS and ''
-- on the local target, derived by the database like `activeName`.
-- AlterTable
ALTER TABLE `environments` ADD COLUMN `stackRegion` VARCHAR(32) AS (IF(`target` = 'local', '', `region`)) PERSISTENT;

-- DropIndex
DROP INDEX `environments_target_region_activeName_key` ON `environments`;

-- CreateIndex
CREATE UNIQUE INDEX `environments_target_stackRegion_activeName_key` ON `environments`(`target`, `stackRegion`, `activeName`);
