-- AlterTable
ALTER TABLE "ObjectSync" ADD COLUMN     "cdcLeaseUntil" TIMESTAMP(3),
ADD COLUMN     "cdcOwner" TEXT;
