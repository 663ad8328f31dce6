/**
 * Geometry of the space tree. Address space under a root CIDR (prefix r) is cut into node items
 * of STRIDE = 8 levels: a node at level q covers one aligned /q block and holds a complete binary
 * tree of positions (heap numbering, h = 1..511): position h at depth d = floor(log2 h) is the
 * block of prefix q + d. The 256 depth-8 positions are the node's "cells"; a cell that holds
 * smaller claims points to a child node at level q + 8.
 *
 * A claim of prefix p is recorded at exactly one position of exactly one node: the node at level
 * q = r + 8 * floor((p - r - 1) / 8) (the root node itself when p = r), depth p - q in 1..8.
 */
import { BITS, type Family } from '../cidr';

export const STRIDE = 8;
export const CELL_DEPTH = STRIDE;
export const POSITIONS = 1 << (STRIDE + 1); // 512: index 0 unused
export const NONE = 255; // "no free block" in max-free arrays

export const depthOf = (h: number): number => 31 - Math.clz32(h);

/** Level of the node that records a claim of prefix `p` in a tree rooted at prefix `r`. */
export const nodeLevelFor = (p: number, r: number): number =>
  p === r ? r : r + STRIDE * Math.floor((p - r - 1) / STRIDE);

const mask = (version: Family, prefix: number): bigint => {
  const bits = BigInt(BITS[version]);
  const host = bits - BigInt(prefix);
  return ((1n << bits) - 1n) ^ ((1n << host) - 1n);
};

/** Start of the aligned /prefix block containing `addr`. */
export const alignDown = (version: Family, addr: bigint, prefix: number): bigint =>
  addr & mask(version, prefix);

/** Block (start) of position h in a node at (start, q). */
export const blockStart = (version: Family, nodeStart: bigint, q: number, h: number): bigint => {
  const d = depthOf(h);
  const i = BigInt(h - (1 << d));
  return nodeStart + (i << BigInt(BITS[version] - q - d));
};

/** Position of the block (start, p) inside the node at (nodeStart, q); requires q <= p <= q + 8. */
export const positionOf = (
  version: Family,
  nodeStart: bigint,
  q: number,
  start: bigint,
  p: number,
): number => {
  const d = p - q;
  const i = Number((start - nodeStart) >> BigInt(BITS[version] - p));
  return (1 << d) + i;
};

/** The parent's cell (depth-8 position) that holds the node at (start, q), for q > r. */
export const parentCell = (
  version: Family,
  start: bigint,
  q: number,
): { start: bigint; q: number; h: number } => {
  const pq = q - STRIDE;
  const ps = alignDown(version, start, pq);
  return { start: ps, q: pq, h: positionOf(version, ps, pq, start, q) };
};

/** In-node ancestors of h, nearest first (excluding h). */
export const ancestorsOf = (h: number): number[] => {
  const out: number[] = [];
  for (let a = h >> 1; a >= 1; a >>= 1) out.push(a);
  return out;
};
