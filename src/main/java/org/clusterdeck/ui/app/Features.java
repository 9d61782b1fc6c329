package org.clusterdeck.ui.app;

import java.util.List;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.bench.BenchmarkActions;
import org.clusterdeck.ui.change.ChangesActions;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.harden.HardenActions;
import org.clusterdeck.ui.remote.RemoteActions;
import org.clusterdeck.ui.security.SecurityActions;
import org.clusterdeck.ui.tuning.TuningActions;
import org.clusterdeck.ui.vm.VmFeatureActions;

/**
 * Every feature's contribution to the main window, in menu order. A new feature adds its
 * {@link FeatureActions} here; the main window itself does not change.
 */
public final class Features {
    private Features() {
    }

    public static List<FeatureActions> all(UiContext ctx) {
        return List.of(
                new RemoteActions(ctx),
                new TuningActions(ctx),
                new HardenActions(ctx),
                new SecurityActions(ctx),
                new ChangesActions(ctx),
                new VmFeatureActions(ctx, ctx.services().virt()),
                new BenchmarkActions());
    }
}
