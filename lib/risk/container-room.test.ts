import { describe, expect, it } from 'vitest';
import { addRoomPoint, containerRoom, type RoomPoint, type RoomReading } from './container-room';

const MIN = 60_000;
const reading = (at: number, containers: number, instances: number, o: Partial<RoomReading> = {}): RoomReading =>
  ({ at, containers, instances, watches: instances * 10, instanceLimit: 128, watchLimit: 65_536, ...o });

describe('room for more containers', () => {
  it('learns what a container costs from the host\'s own history: the seed\'s builder, one shim instance each', () => {
    // 8 instances of the host's own, one more per container as containers start over an hour.
    let points: RoomPoint[] = [];
    let last: RoomReading | null = null;
    for (let m = 0; m <= 60; m++) {
      const containers = 60 + m;
      last = reading(m * MIN, containers, 8 + containers);
      points = addRoomPoint(points, last);
    }
    expect(containerRoom(points, last!)).toMatchObject({ room: 0, perContainer: { instances: 1, watches: 10 }, from: 'history', binds: 'inotifyInstances' });
    const earlier = points.filter(([s]) => s < points[20]![0]);
    expect(containerRoom(earlier, reading(0, 100, 108))).toMatchObject({ room: 20, from: 'history' });
  });

  it('falls back on the ratio now when the container count has not moved, and says so', () => {
    const points = addRoomPoint([], reading(0, 50, 100));
    expect(containerRoom(points, reading(0, 50, 100))).toEqual({
      room: 14, perContainer: { instances: 2, watches: 20 }, from: 'ratio', binds: 'inotifyInstances', containersPerHour: 0, fullInSeconds: null,
    });
  });

  it('lets watches speak when they run out first, and has nothing to say without containers', () => {
    expect(containerRoom([], reading(0, 10, 20, { watches: 60_000 }))).toMatchObject({ room: 0, binds: 'inotifyWatches' });
    expect(containerRoom([], reading(0, 0, 20))).toBeNull();
  });

  describe('time to exhaustion that follows the container count', () => {
    // Ten containers every 20 minutes, a report a minute: a staircase no 30-minute window calls a trend.
    const stairs = (minutes: number, o: Partial<RoomReading> = {}) => {
      let points: RoomPoint[] = [];
      let last!: RoomReading;
      for (let m = 0; m <= minutes; m++) {
        const containers = 50 + 10 * Math.floor(m / 20);
        last = reading(m * MIN, containers, 8 + containers, o);
        points = addRoomPoint(points, last);
      }
      return containerRoom(points, last)!;
    };

    it('runs the room out at the pace containers have been starting', () => {
      const r = stairs(130);
      // 110 running, 118 of 128 instances: room for 10, at 30 containers an hour.
      expect(r).toMatchObject({ room: 10, from: 'history', binds: 'inotifyInstances' });
      expect(r.containersPerHour).toBeGreaterThan(30 * 0.8);
      expect(r.containersPerHour).toBeLessThan(30 * 1.2);
      expect(r.fullInSeconds! / 60).toBeGreaterThan(20 / 1.2);
      expect(r.fullInSeconds! / 60).toBeLessThan(20 / 0.8);
    });

    it('follows the limit that runs out first', () => {
      // Each container's 10 watches against 1,200: room for 2 by watches, gone in about 4 minutes.
      const r = stairs(130, { watchLimit: 1_200 });
      expect(r).toMatchObject({ room: 2, binds: 'inotifyWatches' });
      expect(r.fullInSeconds! / 60).toBeLessThan(6);
    });

    it('says nothing when the count holds still or the cost is only a ratio', () => {
      let points: RoomPoint[] = [];
      for (let m = 0; m <= 120; m++) points = addRoomPoint(points, reading(m * MIN, 100, 108 + (m % 3)));
      expect(containerRoom(points, reading(120 * MIN, 100, 108))).toMatchObject({ from: 'ratio', containersPerHour: 0, fullInSeconds: null });
    });

    it('says nothing past the horizon', () => {
      expect(stairs(130, { instanceLimit: 100_000, watchLimit: 10_000_000 }).fullInSeconds).toBeNull();
    });
  });
});
