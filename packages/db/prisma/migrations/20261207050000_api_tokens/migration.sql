-- Personal API tokens (issue 16): the SHA-256 of a random token, its owner, a role at most the owner's,
-- an absolute expiry, when and from where it was last used, and when it was revoked.
-- CreateTable
CREATE TABLE `api_tokens` (
    `id` VARCHAR(36) NOT NULL,
    `tokenHash` VARCHAR(64) NOT NULL,
    `userId` VARCHAR(36) NOT NULL,
    `name` VARCHAR(64) NOT NULL,
    `role` ENUM('viewer', 'deployer', 'admin') NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `expiresAt` DATETIME(3) NOT NULL,
    `lastUsedAt` DATETIME(3) NULL,
    `lastUsedAddress` VARCHAR(64) NULL,
    `revokedAt` DATETIME(3) NULL,

    UNIQUE INDEX `api_tokens_tokenHash_key`(`tokenHash`),
    INDEX `api_tokens_userId_idx`(`userId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `api_tokens` ADD CONSTRAINT `api_tokens_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
