CREATE TABLE `orders` (`tenant_id` char(36) NOT NULL, `id` bigint, PRIMARY KEY (`tenant_id`, `id`)) ENGINE=InnoDB;
