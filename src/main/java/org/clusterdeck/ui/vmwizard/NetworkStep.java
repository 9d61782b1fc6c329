package org.clusterdeck.ui.vmwizard;

import javafx.scene.control.ComboBox;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

/** Step 6: one NIC on a libvirt network or a host bridge (vmbr0), its model and MTU (9000 for jumbo frames). */
final class NetworkStep extends VmStep {
    NetworkStep(VmWizardModel model) {
        super(model, "Network", "step-network", model.networkError);
        ToggleGroup kind = new ToggleGroup();
        RadioButton onNetwork = new RadioButton("libvirt network");
        RadioButton onBridge = new RadioButton("Host bridge");
        onNetwork.setToggleGroup(kind);
        onBridge.setToggleGroup(kind);
        onBridge.setId("useBridge");
        onBridge.selectedProperty().bindBidirectional(model.useBridge);
        onNetwork.setSelected(!model.useBridge.get());
        ComboBox<String> network = new ComboBox<>(model.networks);
        network.setId("network");
        network.valueProperty().bindBidirectional(model.network);
        network.disableProperty().bind(model.useBridge);
        row("Connect to", new javafx.scene.layout.HBox(16, onNetwork, onBridge));
        row("Network", network);
        TextField bridge = new TextField();
        bridge.setId("bridge");
        bridge.textProperty().bindBidirectional(model.bridge);
        bridge.disableProperty().bind(model.useBridge.not());
        row("Bridge", bridge);
        ComboBox<String> nicModel = new ComboBox<>();
        nicModel.getItems().setAll("virtio", "e1000e", "rtl8139");
        nicModel.setId("nicModel");
        nicModel.valueProperty().bindBidirectional(model.nicModel);
        row("Model", nicModel);
        ComboBox<String> mtu = new ComboBox<>();
        mtu.setEditable(true);
        mtu.getItems().setAll("", "1500", "9000");
        mtu.setId("mtu");
        mtu.valueProperty().bindBidirectional(model.mtu);
        row("MTU", mtu, "bytes");
        hint("Empty MTU keeps the network's own (usually 1500). 9000 needs jumbo frames on every hop.");
    }
}
