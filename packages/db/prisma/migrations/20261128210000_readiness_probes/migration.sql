-- CreateTable
CREATE TABLE `readiness_probes` (
    `id` VARCHAR(36) NOT NULL,
    `environmentId` VARCHAR(36) NOT NULL,
    `operationId` VARCHAR(36) NULL,
    `trigger` ENUM('operation', 'manual') NOT NULL,
    `status` ENUM('running', 'pass', 'fail') NOT NULL DEFAULT 'running',
    `failingHop` VARCHAR(16) NULL,
    `hops` JSON NULL,
    `startedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `finishedAt` DATETIME(3) NULL,

    INDEX `readiness_probes_environmentId_startedAt_idx`(`environmentId`, `startedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `readiness_probes` ADD CONSTRAINT `readiness_probes_environmentId_fkey` FOREIGN KEY (`environmentId`) REFERENCES `environments`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
