-- CreateTable
CREATE TABLE `environments` (
    `id` VARCHAR(36) NOT NULL,
    `name` VARCHAR(128) NOT NULL,
    `target` ENUM('local', 'aws') NOT NULL,
    `region` VARCHAR(32) NOT NULL,
    `status` ENUM('draft', 'pending', 'creating', 'live', 'updating', 'failed', 'deleting', 'deleted') NOT NULL DEFAULT 'draft',
    `spec` JSON NOT NULL,
    `stackId` VARCHAR(255) NULL,
    `outputs` JSON NULL,
    `monthlyCostUsd` DECIMAL(10, 2) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `environments_status_idx`(`status`),
    UNIQUE INDEX `environments_target_region_name_key`(`target`, `region`, `name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `operations` (
    `id` VARCHAR(36) NOT NULL,
    `environmentId` VARCHAR(36) NOT NULL,
    `kind` ENUM('create', 'update', 'delete') NOT NULL,
    `status` ENUM('pending', 'running', 'succeeded', 'failed', 'rolled_back') NOT NULL DEFAULT 'pending',
    `specSnapshot` JSON NOT NULL,
    `clientRequestToken` VARCHAR(64) NOT NULL,
    `changeSetId` VARCHAR(255) NULL,
    `errorMessage` TEXT NULL,
    `leaseOwner` VARCHAR(64) NULL,
    `leaseExpiresAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `startedAt` DATETIME(3) NULL,
    `finishedAt` DATETIME(3) NULL,

    UNIQUE INDEX `operations_clientRequestToken_key`(`clientRequestToken`),
    INDEX `operations_environmentId_createdAt_idx`(`environmentId`, `createdAt`),
    INDEX `operations_status_leaseExpiresAt_idx`(`status`, `leaseExpiresAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `stack_events` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `eventId` VARCHAR(255) NOT NULL,
    `environmentId` VARCHAR(36) NOT NULL,
    `operationId` VARCHAR(36) NOT NULL,
    `logicalResourceId` VARCHAR(255) NOT NULL,
    `physicalResourceId` VARCHAR(1024) NULL,
    `resourceType` VARCHAR(255) NOT NULL,
    `resourceStatus` VARCHAR(64) NOT NULL,
    `resourceStatusReason` TEXT NULL,
    `timestamp` DATETIME(3) NOT NULL,

    UNIQUE INDEX `stack_events_eventId_key`(`eventId`),
    INDEX `stack_events_environmentId_id_idx`(`environmentId`, `id`),
    INDEX `stack_events_operationId_id_idx`(`operationId`, `id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `operations` ADD CONSTRAINT `operations_environmentId_fkey` FOREIGN KEY (`environmentId`) REFERENCES `environments`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `stack_events` ADD CONSTRAINT `stack_events_environmentId_fkey` FOREIGN KEY (`environmentId`) REFERENCES `environments`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `stack_events` ADD CONSTRAINT `stack_events_operationId_fkey` FOREIGN KEY (`operationId`) REFERENCES `operations`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
