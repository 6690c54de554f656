// End-to-end tests pace bytes at real link speeds through the emulator (and spawn the readerkit tool); running
// them one class at a time keeps two cores from starving the emulated PN532's timing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
