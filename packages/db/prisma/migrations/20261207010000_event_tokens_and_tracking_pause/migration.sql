-- CloudFormation's resource EventIds are "<LogicalId>-<STATUS>-<timestamp>", unique within a stack, not
-- across stacks: stored events are unique per environment. Each event keeps the ClientRequestToken AWS
-- stamps on it, which says which operation caused it (no per-operation stack tag is needed for that).
-- An operation whose tracking is paused (throttled, expired credentials, network) says why, for the
-- dashboard's banner; tracking resumes by itself.
-- AlterTable
ALTER TABLE `stack_events` ADD COLUMN `clientRequestToken` VARCHAR(128) NULL;

-- DropIndex
DROP INDEX `stack_events_eventId_key` ON `stack_events`;

-- CreateIndex
CREATE UNIQUE INDEX `stack_events_environmentId_eventId_key` ON `stack_events`(`environmentId`, `eventId`);

-- AlterTable
ALTER TABLE `operations` ADD COLUMN `trackingIssue` TEXT NULL,
    ADD COLUMN `trackingIssueSince` DATETIME(3) NULL;
