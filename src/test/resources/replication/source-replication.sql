-- The source's replication SQL (document section 3, 'MySQL 8.0.32 cluster'), verbatim, one line as the source prints it:
-- 主从配置 SET GLOBAL binlog_format = 'ROW'; SET GLOBAL log_bin_trx_id = 1; SET GLOBAL log_bin_trx_idgraph = 1; -- 从库配置 STOP SLAVE; SET GLOBAL SQL_SLAVE_SKIP_COUNTER = 0; START SLAVE;
-- and the statement the source says lag is watched with (通过 ... 监控同步延迟,确保<1秒):
show processlist;
