-- AlterTable
ALTER TABLE "ObjectSync" ADD COLUMN     "backfillFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "fieldWarnings" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "fields" JSONB;
