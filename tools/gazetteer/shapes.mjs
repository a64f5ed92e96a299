// Reference points of countries and US states and counties computed from openly licensed shapes:
//   world-atlas 2.0.2 countries-50m.json (Natural Earth 4.1.0 admin-0 boundaries, public domain; ISC package)
//   us-atlas 3.0.1 counties-10m.json (US Census Bureau cartographic boundaries, public domain; ISC package)
// decoded with topojson-client (ISC). The point is the area-weighted centroid of a territory's largest
// polygon (outlying islands and overseas parts do not pull it into the sea), moved to the nearest point inside
// that polygon when the centroid falls outside it (a crescent-shaped territory).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { feature } = require('topojson-client');

const rad = Math.PI / 180;

// Planar area and centroid of a ring in an equal-area-like frame: longitudes scaled by cos(latitude of the ring).
const ringStats = ring => {
  const lat0 = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const k = Math.cos(lat0 * rad);
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const x0 = ring[j][0] * k, y0 = ring[j][1], x1 = ring[i][0] * k, y1 = ring[i][1];
    const f = x0 * y1 - x1 * y0;
    a += f; cx += (x0 + x1) * f; cy += (y0 + y1) * f;
  }
  a /= 2;
  if (a === 0) return { area: 0, lon: ring[0][0], lat: ring[0][1] };
  return { area: Math.abs(a), sign: Math.sign(a), lon: cx / (6 * a) / k, lat: cy / (6 * a) };
};

// A polygon (outer ring, holes): area and centroid, holes subtracted.
const polygonStats = rings => {
  const outer = ringStats(rings[0]);
  let area = outer.area, lon = outer.lon * outer.area, lat = outer.lat * outer.area;
  for (const hole of rings.slice(1)) {
    const h = ringStats(hole);
    area -= h.area; lon -= h.lon * h.area; lat -= h.lat * h.area;
  }
  return area > 0 ? { area, lon: lon / area, lat: lat / area } : { area: outer.area, lon: outer.lon, lat: outer.lat };
};

const inRing = (lon, lat, ring) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inPolygon = (lon, lat, rings) => inRing(lon, lat, rings[0]) && !rings.slice(1).some(h => inRing(lon, lat, h));

// Distance to the closest edge of a ring (in degrees, longitudes scaled): used to keep a moved point off the border.
const edgeDistance = (lon, lat, rings) => {
  const k = Math.cos(lat * rad);
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[j][0] * k, ay = ring[j][1], bx = ring[i][0] * k, by = ring[i][1], px = lon * k, py = lat;
      const dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
      best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
    }
  }
  return best;
};

// The point inside the polygon nearest to (lon, lat) on a grid of its box, at least a little way from its border.
const pullInside = (lon, lat, rings) => {
  if (inPolygon(lon, lat, rings)) return [lon, lat];
  const xs = rings[0].map(p => p[0]), ys = rings[0].map(p => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const steps = 80, margin = Math.min(x1 - x0, y1 - y0) / 20;
  let best = null, bestD = Infinity;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const x = x0 + (x1 - x0) * i / steps, y = y0 + (y1 - y0) * j / steps;
      if (!inPolygon(x, y, rings)) continue;
      const d = Math.hypot((x - lon) * Math.cos(lat * rad), y - lat);
      if (d < bestD && edgeDistance(x, y, rings) >= margin) { bestD = d; best = [x, y]; }
    }
  }
  return best ?? [lon, lat];
};

// Rings are unwrapped so that no edge jumps across the antimeridian (Russia's and Fiji's polygons).
const unwrap = ring => {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  return out;
};
// How long and thin a ring is: the square root of the ratio of the principal second moments of its outline
// (edges weighted by length, longitudes scaled by cos(latitude)): 1 for a circle or square, about 10 for Chile.
const elongation = ring => {
  const k = Math.cos(ring.reduce((s, p) => s + p[1], 0) / ring.length * rad);
  let w = 0, mx = 0, my = 0;
  const segs = [];
  for (let i = 1; i < ring.length; i++) {
    const x = (ring[i][0] + ring[i - 1][0]) / 2 * k, y = (ring[i][1] + ring[i - 1][1]) / 2;
    const len = Math.hypot((ring[i][0] - ring[i - 1][0]) * k, ring[i][1] - ring[i - 1][1]);
    segs.push([x, y, len]); w += len; mx += x * len; my += y * len;
  }
  if (!w) return 1;
  mx /= w; my /= w;
  let sxx = 0, syy = 0, sxy = 0;
  for (const [x, y, len] of segs) { sxx += (x - mx) ** 2 * len; syy += (y - my) ** 2 * len; sxy += (x - mx) * (y - my) * len; }
  const tr = sxx + syy, det = sxx * syy - sxy * sxy, disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
  const l1 = tr / 2 + disc, l2 = tr / 2 - disc;
  return l2 > 0 ? Math.sqrt(l1 / l2) : Infinity;
};

const polygonsOf = geometry => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [])
  .map(rings => rings.map(unwrap));
const wrap = lon => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;

// variant 'largest': the centroid of the largest polygon; 'all': of all polygons (longitudes unwrapped around the
// largest polygon, so a territory across the antimeridian stays whole); 'auto' (the default): of the largest polygon
// when it holds at least half the area, else of all (archipelagos: the Philippines, Indonesia).
export const pointOf = (geometries, variant = 'auto') => {
  const polys = geometries.flatMap(polygonsOf).map(rings => ({ rings, ...polygonStats(rings) })).filter(p => p.area > 0);
  if (!polys.length) return null;
  polys.sort((a, b) => b.area - a.area);
  const main = polys[0];
  let lon = main.lon, lat = main.lat;
  const total = polys.reduce((s, p) => s + p.area, 0);
  if (variant === 'all' || (variant === 'auto' && main.area < total / 2)) {
    let a = 0, x = 0, y = 0;
    for (const p of polys) {
      let plon = p.lon;
      while (plon - main.lon > 180) plon -= 360;
      while (plon - main.lon < -180) plon += 360;
      a += p.area; x += plon * p.area; y += p.lat * p.area;
    }
    lon = x / a; lat = y / a;
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    // inside one of the polygons, else the nearest point inside the largest
    if (polys.some(p => inPolygon(lon, lat, p.rings) || inPolygon(lon + 360, lat, p.rings) || inPolygon(lon - 360, lat, p.rings))) {
      const result = [lat, wrap(lon)];
      result.elongation = elongation(main.rings[0]);
      result.scattered = main.area < total / 2;
      return result;
    }
  }
  const [plon, plat] = pullInside(lon, lat, main.rings);
  const result = [plat, wrap(plon)];
  result.elongation = elongation(main.rings[0]);
  result.scattered = main.area < total / 2;
  return result;
};

// ISO3 -> [lat, lon] for countries; world-atlas ids are ISO 3166-1 numeric codes (Kosovo, Somaliland and
// Northern Cyprus have none: Kosovo is taken by name).
export const countryPoints = (worldCountries, variant = 'auto') => {
  const topo = require('world-atlas/countries-50m.json');
  const byNumeric = new Map(worldCountries.map(c => [c.ccn3, c.cca3]));
  const groups = new Map();
  for (const g of topo.objects.countries.geometries) {
    const iso = g.id ? byNumeric.get(g.id) : g.properties?.name === 'Kosovo' ? 'UNK' : undefined;
    if (!iso) continue;
    if (!groups.has(iso)) groups.set(iso, []);
    groups.get(iso).push(feature(topo, g).geometry);
  }
  const out = new Map();
  for (const [iso, geoms] of groups) {
    const p = pointOf(geoms, variant);
    if (p) out.set(iso, p);
  }
  return out;
};

// FIPS code ("06" for California, "06037" for Los Angeles County) -> [lat, lon].
export const usPoints = (variant = 'auto') => {
  const topo = require('us-atlas/counties-10m.json');
  const out = new Map();
  for (const key of ['states', 'counties']) {
    for (const g of topo.objects[key].geometries) {
      const p = pointOf([feature(topo, g).geometry], variant);
      if (p) out.set(g.id, p);
    }
  }
  return out;
};

// Whether (lat, lon) lies inside any polygon of the geometries (checks the place against its matched shape).
export const contains = (geometries, lat, lon) => geometries.flatMap(polygonsOf)
  .some(rings => inPolygon(lon, lat, rings) || inPolygon(lon + 360, lat, rings) || inPolygon(lon - 360, lat, rings));
