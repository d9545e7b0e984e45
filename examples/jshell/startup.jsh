// ntk4j JShell start-up: imports the API and sets ND4J to float64. Loaded by bin/ntk4j-jshell
// (after JShell's DEFAULT start-up); kept working by org.ntk4j.examples.JShellSnippetsTest.
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.*;
import org.ntk4j.core.io.*;
import org.ntk4j.core.predict.*;
import org.ntk4j.core.preprocess.*;
import org.ntk4j.layers.*;
import static org.ntk4j.layers.Layers.*;
import org.ntk4j.symmetry.*;
Ntk4j.init();
