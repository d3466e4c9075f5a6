import { dimensionSpec, type DimensionKey, type DimensionSpec } from './description';

/** How each dimension is named to people (its title, its fleet column heading and that column's hover). */
export const dimensionLabels: Record<DimensionKey, Pick<DimensionSpec, 'title' | 'short' | 'help'>> = dimensionSpec;
