-- AlterTable
ALTER TABLE "ObjectSync" ADD COLUMN     "fullLoadJobId" TEXT,
ADD COLUMN     "fullLoadLocator" TEXT,
ADD COLUMN     "fullLoadPrepared" INTEGER;
