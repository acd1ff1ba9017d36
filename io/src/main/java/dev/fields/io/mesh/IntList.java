package dev.fields.io.mesh;

/** A growable int array of triangle corners, for the readers. */
final class IntList {
    private int[] a = new int[96];
    private int n;

    void add(int x, int y, int z) {
        if (n + 3 > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + 3));
        a[n++] = x;
        a[n++] = y;
        a[n++] = z;
    }

    int[] toArray() { return java.util.Arrays.copyOf(a, n); }
}
