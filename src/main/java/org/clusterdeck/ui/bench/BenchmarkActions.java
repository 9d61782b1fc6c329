package org.clusterdeck.ui.bench;

import java.util.List;
import javafx.scene.control.MenuItem;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Vm;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;

/** "Benchmark…" on a load balancer or VM: opens the benchmark page aimed at it. */
public final class BenchmarkActions implements FeatureActions {
    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        if (!(node instanceof LoadBalancer) && !(node instanceof Vm)) {
            return List.of();
        }
        MenuItem item = new MenuItem("Benchmark…");
        item.setId("menu-benchmark");
        item.setOnAction(e -> window.openBenchmark(node));
        return List.of(item);
    }
}
