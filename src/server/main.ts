import { ConfigError, loadConfig, type ServerConfig } from './config'
import { startReconcileSchedule } from './reconcile-schedule'
import { startRetentionSchedule } from './retention-schedule'
import { jsonLogger } from './log'
import { createServerWithService, listen, openStorage } from './server'

function loadConfigOrExit(): ServerConfig {
  try {
    return loadConfig()
  } catch (error) {
    // A settings problem gets its words only; a stack trace would bury them.
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    return process.exit(1)
  }
}

/** The server's entry point: `npm start` runs it (after building the UI). */
async function main(): Promise<void> {
  const config = loadConfigOrExit()
  const logger = jsonLogger()
  const storage = await openStorage(config, logger)
  let stopping = false
  const { app, service } = createServerWithService({ config, storage, logger, isStopping: () => stopping })
  const running = await listen(app, { host: config.host, port: config.port }).catch(async (error: unknown) => {
    await storage.close()
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      console.error(`Port ${config.port} on ${config.host} is already in use. Stop the other program or set PORT to a free port.`)
      return process.exit(1)
    }
    throw error
  })

  logger.info(`BigCommerce Trigger is running at ${running.url}`, { url: running.url })
  // Host and database only: the URL may carry a password.
  const database = config.databaseUrl ? new URL(config.databaseUrl) : null
  const data = database ? `PostgreSQL ${database.host}${database.pathname}` : config.dataDir
  logger.info(`Data: ${data}  ·  BigCommerce API: ${config.bigcommerceApiUrl}`)
  logger.info(
    config.publicUrl
      ? `PUBLIC_URL is ${config.publicUrl}: BigCommerce will deliver webhooks to ${config.publicUrl}/hooks/bigcommerce/…`
      : `PUBLIC_URL is not set. ${config.webhookHelp}`,
  )

  // After listening: a crash mid-save is finished here, and the UI is already up meanwhile.
  const schedule = startReconcileSchedule({
    reconcileAll: () => service.reconcileAll(),
    intervalMs: config.reconcileIntervalMs,
    logger,
  })
  // Runs of action steps wait in the database; this instance's worker takes its share of them.
  service.runner.start()
  const retention = startRetentionSchedule({ purge: () => service.purgeExpiredDeliveries(), retentionDays: config.retentionDays, logger })

  const stop = async (signal: string) => {
    // Ctrl+C reaches both `npm start`'s wrapper and us, so the signal can arrive twice.
    if (stopping) return
    stopping = true
    schedule.stop()
    retention.stop()
    logger.info(`${signal}: shutting down, finishing the requests in flight…`)
    try {
      await running.close()
      // The runs in flight record what they did before the database closes; the rest wait for any instance.
      await service.runner.stop()
    } finally {
      await storage.close()
    }
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

await main()
