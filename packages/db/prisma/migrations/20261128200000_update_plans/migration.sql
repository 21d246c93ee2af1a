-- CreateTable
CREATE TABLE `update_plans` (
    `id` VARCHAR(36) NOT NULL,
    `environmentId` VARCHAR(36) NOT NULL,
    `requestedById` VARCHAR(36) NULL,
    `status` ENUM('open', 'applied', 'discarded') NOT NULL DEFAULT 'open',
    `specSnapshot` JSON NOT NULL,
    `clientRequestToken` VARCHAR(64) NOT NULL,
    `changeSetId` VARCHAR(255) NULL,
    `changes` JSON NOT NULL,
    `dataLossWarnings` JSON NOT NULL,
    `costBeforeUsd` DECIMAL(10, 2) NOT NULL,
    `costAfterUsd` DECIMAL(10, 2) NOT NULL,
    `baseOperationId` VARCHAR(36) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `expiresAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `update_plans_clientRequestToken_key`(`clientRequestToken`),
    INDEX `update_plans_environmentId_status_idx`(`environmentId`, `status`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `update_plans` ADD CONSTRAINT `update_plans_environmentId_fkey` FOREIGN KEY (`environmentId`) REFERENCES `environments`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
