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
    expect(containerRoom(points, last!)).toEqual({ room: 0, perContainer: { instances: 1, watches: 10 }, from: 'history' });
    const earlier = points.filter(([s]) => s < points[20]![0]);
    expect(containerRoom(earlier, reading(0, 100, 108))).toMatchObject({ room: 20, from: 'history' });
  });

  it('falls back on the ratio now when the container count has not moved, and says so', () => {
    const points = addRoomPoint([], reading(0, 50, 100));
    expect(containerRoom(points, reading(0, 50, 100))).toEqual({ room: 14, perContainer: { instances: 2, watches: 20 }, from: 'ratio' });
  });

  it('lets watches speak when they run out first, and has nothing to say without containers', () => {
    expect(containerRoom([], reading(0, 10, 20, { watches: 60_000 }))!.room).toBe(0);
    expect(containerRoom([], reading(0, 0, 20))).toBeNull();
  });
});
