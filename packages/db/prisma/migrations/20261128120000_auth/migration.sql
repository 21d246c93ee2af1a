-- CreateTable
CREATE TABLE `users` (
    `id` VARCHAR(36) NOT NULL,
    `email` VARCHAR(254) NOT NULL,
    `name` VARCHAR(128) NOT NULL,
    `role` ENUM('viewer', 'deployer', 'admin') NOT NULL DEFAULT 'viewer',
    `passwordHash` VARCHAR(255) NOT NULL,
    `disabledAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `users_email_key`(`email`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `sessions` (
    `id` VARCHAR(36) NOT NULL,
    `tokenHash` VARCHAR(64) NOT NULL,
    `userId` VARCHAR(36) NOT NULL,
    `address` VARCHAR(64) NULL,
    `userAgent` VARCHAR(255) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `expiresAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `sessions_tokenHash_key`(`tokenHash`),
    INDEX `sessions_userId_idx`(`userId`),
    INDEX `sessions_expiresAt_idx`(`expiresAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `audit_entries` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `action` VARCHAR(64) NOT NULL,
    `outcome` ENUM('success', 'failure', 'refused') NOT NULL,
    `actorId` VARCHAR(36) NULL,
    `actorEmail` VARCHAR(254) NULL,
    `address` VARCHAR(64) NULL,
    `targetType` VARCHAR(32) NULL,
    `targetId` VARCHAR(254) NULL,
    `detail` JSON NULL,

    INDEX `audit_entries_at_idx`(`at`),
    INDEX `audit_entries_action_at_idx`(`action`, `at`),
    INDEX `audit_entries_actorId_at_idx`(`actorId`, `at`),
    INDEX `audit_entries_targetId_at_idx`(`targetId`, `at`),
    INDEX `audit_entries_address_at_idx`(`address`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AlterTable
ALTER TABLE `environments` ADD COLUMN `ownerId` VARCHAR(36) NULL;

-- CreateIndex
CREATE INDEX `environments_ownerId_idx` ON `environments`(`ownerId`);

-- AddForeignKey
ALTER TABLE `environments` ADD CONSTRAINT `environments_ownerId_fkey` FOREIGN KEY (`ownerId`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `sessions` ADD CONSTRAINT `sessions_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit log is append-only from the application: the database itself refuses to change or remove an
-- entry (Prisma does not model triggers; the drift test does not compare them).
CREATE TRIGGER `audit_entries_no_update` BEFORE UPDATE ON `audit_entries` FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit entries are append-only';

CREATE TRIGGER `audit_entries_no_delete` BEFORE DELETE ON `audit_entries` FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit entries are append-only';
