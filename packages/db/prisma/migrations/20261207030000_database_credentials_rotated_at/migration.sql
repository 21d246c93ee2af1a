-- When the portal last rotated the environment's database password (environments.rotateDatabaseCredentials):
-- on AWS a RotateSecret on the RDS-managed secret, on the local sandbox ALTER USER plus the secret file
-- rewritten. NULL until the first rotation the portal started (RDS's own scheduled rotations are not seen).
-- AlterTable
ALTER TABLE `environments` ADD COLUMN `databaseCredentialsRotatedAt` DATETIME(3) NULL;
