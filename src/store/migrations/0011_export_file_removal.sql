-- An export file holds the personal data of every customer it lists: an erasure removes the files
-- written before it, and the job says when and why its file is gone.
ALTER TABLE export_jobs ADD COLUMN file_removed_at timestamptz;
