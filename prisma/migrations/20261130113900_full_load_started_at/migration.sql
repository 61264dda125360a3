-- AlterTable
ALTER TABLE "ObjectSync" ADD COLUMN     "fullLoadStartedAt" TIMESTAMP(3);
