package org.clusterdeck.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** {@link LabExtension} creates the source's cluster (lb1, web1, web2, db1, db2) for the annotated test class. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LabCluster {
}
