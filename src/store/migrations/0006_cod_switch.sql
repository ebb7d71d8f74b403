-- Cash on delivery allowed per sales channel (seed 002: enabled or disabled per customer and channel).
ALTER TABLE customers ADD COLUMN cod_enabled jsonb NOT NULL DEFAULT '{"pos": true, "storefront": true}';
