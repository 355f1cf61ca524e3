package dev.arrears;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** The Spring application: one module per business area under this package (see docs/modules). */
@SpringBootApplication
@Modulithic(systemName = "Arrears", sharedModules = "shared")
public class ArrearsApplication {
}
