-- Preview environments (issue 14): when the portal deletes the environment by itself (NULL: never), and a
-- named lease table so that one portal process runs the expiry scheduler however many replicas there are
-- (the tracker's lease on operations, for work that belongs to no single row).
-- AlterTable
ALTER TABLE `environments` ADD COLUMN `expiresAt` DATETIME(3) NULL;

-- CreateIndex
CREATE INDEX `environments_expiresAt_idx` ON `environments`(`expiresAt`);

-- CreateTable
CREATE TABLE `leases` (
    `name` VARCHAR(64) NOT NULL,
    `owner` VARCHAR(64) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,

    PRIMARY KEY (`name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
