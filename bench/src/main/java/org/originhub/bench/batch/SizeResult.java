package org.originhub.bench.batch;

/**
 * One batch file through one fresh hub: from the moment it was moved into the drop folder until its result report
 * was written and the file moved to .done/ (which Camel does once the report is written).
 *
 * @param firstReceivedSeconds from the drop to the first certificate's RECEIVED row (file pick-up: the drop
 *                             folder's read lock waits until the file is unchanged for 1 s, then it is hashed)
 * @param heapPeakMiB highest of the 0.5 s samples of heap used (garbage included)
 * @param jfr null when the hub ran without a recording
 */
record SizeResult(double sizeMiB, long bytes, int certificates, int accepted, int rejected, int reported,
        double seconds, double firstReceivedSeconds, double certificatesPerSecond, double heapPeakMiB,
        double heapAverageMiB, int heapSamples, double cpuCores, long reportBytes, String failure, JfrFigures jfr) {

    boolean complete() {
        return failure == null && reported == certificates && accepted == certificates;
    }
}
