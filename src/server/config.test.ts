// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig, parseEnv, WEBHOOK_HELP_WITHOUT_PUBLIC_URL } from './config'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'server-config-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('parseEnv', () => {
  it('has working defaults', () => {
    expect(parseEnv({})).toEqual({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      PUBLIC_URL: undefined,
      BIGCOMMERCE_API_URL: 'https://api.bigcommerce.com',
      SECRET_KEY: undefined,
      RECONCILE_INTERVAL_SECONDS: 300,
      RETENTION_DAYS: 30,
      ALLOW_PRIVATE_DESTINATIONS: 'false',
      ACTION_RETRY_SCHEDULE: '5s,5m,30m,2h,5h,10h,10h',
    })
  })

  it('takes RETENTION_DAYS as a whole number of days, at least one', () => {
    expect(parseEnv({ RETENTION_DAYS: '7' }).RETENTION_DAYS).toBe(7)
    expect(() => parseEnv({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS must be at least 1/)
    expect(() => parseEnv({ RETENTION_DAYS: '1.5' })).toThrow(/RETENTION_DAYS must be a whole number/)
  })

  it('accepts an https PUBLIC_URL on the default port and strips the trailing slash', () => {
    expect(parseEnv({ PUBLIC_URL: 'https://abc.ngrok.app/' }).PUBLIC_URL).toBe('https://abc.ngrok.app')
    expect(parseEnv({ PUBLIC_URL: 'https://abc.ngrok.app:443/base/' }).PUBLIC_URL).toBe('https://abc.ngrok.app/base')
    expect(parseEnv({ PUBLIC_URL: '' }).PUBLIC_URL).toBeUndefined()
  })

  it('explains a PUBLIC_URL BigCommerce could not deliver to', () => {
    expect(() => parseEnv({ PUBLIC_URL: 'http://abc.ngrok.app' })).toThrow(/PUBLIC_URL must start with https/)
    expect(() => parseEnv({ PUBLIC_URL: 'https://abc.ngrok.app:8443' })).toThrow(/port 443/)
    expect(() => parseEnv({ PUBLIC_URL: 'abc.ngrok.app' })).toThrow(/absolute URL/)
  })

  it('takes BIGCOMMERCE_API_URL over https, or over http only on this machine', () => {
    expect(parseEnv({ BIGCOMMERCE_API_URL: 'https://api.bigcommerce.com/' }).BIGCOMMERCE_API_URL).toBe('https://api.bigcommerce.com')
    for (const local of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect(parseEnv({ BIGCOMMERCE_API_URL: local }).BIGCOMMERCE_API_URL).toBe(local)
    }
    for (const unsafe of ['http://api.bigcommerce.com', 'http://192.168.1.20:4010', 'ftp://127.0.0.1']) {
      expect(() => parseEnv({ BIGCOMMERCE_API_URL: unsafe })).toThrow(/BIGCOMMERCE_API_URL must start with https:\/\//)
    }
  })

  it('rejects a bad PORT', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/)
  })
})

describe('loadConfig', () => {
  it('generates the secret key once, owner-only, and reads it afterwards', () => {
    const first = loadConfig({ DATA_DIR: dir })
    const keyFile = path.join(dir, 'secret.key')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(first.secretKey).toHaveLength(32)
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(first.secretKey.toString('hex'))
    expect(loadConfig({ DATA_DIR: dir }).secretKey.equals(first.secretKey)).toBe(true)
    expect(first.publicUrl).toBeNull()
    expect(first.webhookHelp).toBe(WEBHOOK_HELP_WITHOUT_PUBLIC_URL)
    expect(path.isAbsolute(first.dataDir)).toBe(true)
  })

  it('takes SECRET_KEY as hex or base64, and refuses other lengths', () => {
    const hex = 'ab'.repeat(32)
    expect(loadConfig({ DATA_DIR: dir, SECRET_KEY: hex }).secretKey.toString('hex')).toBe(hex)
    const base64 = Buffer.from(hex, 'hex').toString('base64')
    expect(loadConfig({ DATA_DIR: dir, SECRET_KEY: base64 }).secretKey.toString('hex')).toBe(hex)
    expect(() => loadConfig({ DATA_DIR: dir, SECRET_KEY: 'short' })).toThrow(/SECRET_KEY must be 32 bytes/)
  })

  it('takes a PostgreSQL DATABASE_URL, only with a SECRET_KEY every instance shares', () => {
    const url = 'postgres://app:pw@db.internal:5432/triggers'
    expect(loadConfig({ DATA_DIR: dir }).databaseUrl).toBeNull()
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: url, SECRET_KEY: 'ab'.repeat(32) }).databaseUrl).toBe(url)
    expect(() => loadConfig({ DATA_DIR: dir, DATABASE_URL: url })).toThrow(/SECRET_KEY must be set too/)
    expect(() => loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://db/x', SECRET_KEY: 'ab'.repeat(32) })).toThrow(
      /DATABASE_URL must be a PostgreSQL URL/,
    )
  })

  it('keeps private destinations closed unless ALLOW_PRIVATE_DESTINATIONS says true, and reads ACTION_RETRY_SCHEDULE', () => {
    expect(loadConfig({ DATA_DIR: dir })).toMatchObject({
      allowPrivateDestinations: false,
      actionRetrySchedule: [5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
    })
    expect(loadConfig({ DATA_DIR: dir, ALLOW_PRIVATE_DESTINATIONS: 'true', ACTION_RETRY_SCHEDULE: '1s,2s' })).toMatchObject({
      allowPrivateDestinations: true,
      actionRetrySchedule: [1000, 2000],
    })
    expect(() => loadConfig({ DATA_DIR: dir, ALLOW_PRIVATE_DESTINATIONS: 'yes' })).toThrow(
      /ALLOW_PRIVATE_DESTINATIONS must be true or false/,
    )
    expect(() => loadConfig({ DATA_DIR: dir, ACTION_RETRY_SCHEDULE: 'soon' })).toThrow(/ACTION_RETRY_SCHEDULE must list waits/)
  })
})
