import { describe, expect, it } from 'vitest';
import { RoundTrips } from '../../../harness/runner/round-trips.js';

describe('RoundTrips', () => {
  it('asks for the floor before any round trip is measured, and while they are quick', () => {
    const trips = new RoundTrips();
    expect(trips.quietMs(100, 2000)).toBe(100);
    expect(trips.seen).toBe(false);
    for (let index = 0; index < 50; index += 1) trips.add(2);
    expect(trips.quietMs(100, 2000)).toBe(100);
    expect(trips.seen).toBe(true);
  });

  it('outlasts a slow round trip four times over, up to the ceiling', () => {
    const trips = new RoundTrips();
    for (let index = 0; index < 19; index += 1) trips.add(5);
    trips.add(60);
    expect(trips.quietMs(100, 2000)).toBe(240);
    // One in twenty is passed over (the 95th percentile); two set it, up to the ceiling.
    trips.add(900);
    expect(trips.quietMs(100, 2000)).toBe(240);
    trips.add(900);
    expect(trips.quietMs(100, 2000)).toBe(2000);
  });

  it('forgets the oldest round trips once it keeps 200', () => {
    const trips = new RoundTrips();
    trips.add(1000);
    for (let index = 0; index < 200; index += 1) trips.add(10);
    expect(trips.quietMs(0, 5000)).toBe(40);
  });
});
