-- AlterTable
ALTER TABLE "ObjectSync" ADD COLUMN     "pubsubReplayId" BYTEA;
