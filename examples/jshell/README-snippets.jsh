// What a user types at the bin/ntk4j-jshell prompt (the README's JShell section).
// org.ntk4j.examples.JShellSnippetsTest runs every snippet of this file and fails if one does.

// A CNN-GAP network: two 3×3 SAME convolutions with ReLU, global average pooling, a dense readout.
Layer net = serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(),
        conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(),
        globalAvgPool(), dense(1, 1.5, 0.1));

// Its NNGP and NTK on 4 random 8×8×3 images (channels last).
INDArray x = Nd4j.randn(42, new long[] {4, 8, 8, 3});
Kernel k = net.kernel(x);
System.out.println(k.nngp());
System.out.println(k.ntk());

// The same in float32: about 2× faster on pooled networks, within about 1e-5 relative.
Kernel k32 = net.withPrecision(Precision.FLOAT32).kernel(x);
System.out.println(k32.ntk().sub(k.ntk()).norm2Number());

// Your own nonlinearity from its closed form (φ = cos, K̇ derived numerically), and any φ by quadrature.
Layer cosNet = serial(dense(512, 1.5, 0.1),
        elementwise("cos", Math::cos, u -> -Math.sin(u),
                (q12, q11, q22) -> Math.exp(-(q11 + q22) / 2) * Math.cosh(q12)),
        dense(1));
Layer mish = serial(dense(512), elementwiseNumerical("mish", u -> u * Math.tanh(Math.log1p(Math.exp(u))), 25), dense(1));
System.out.println(cosNet.kernel(Nd4j.randn(7, new long[] {3, 5})).ntk());
System.out.println(mish.kernel(Nd4j.randn(8, new long[] {3, 5})).nngp());

// Fashion-MNIST (the shipped subset, or the full set when installed), standardised, 14×14×4.
TrainTest data = FashionMnist.load();
LabelledData train = data.train().first(500), test = data.test().first(200);
ChannelStandardizer s = ChannelStandardizer.fit(train.x());
INDArray xTrain = SpaceToDepth.apply(s.apply(train.x()), 2);
INDArray xTest = SpaceToDepth.apply(s.apply(test.x()), 2);

// NTK regression at t = ∞ with the paper's VEC network (2 hidden layers), then test accuracy.
Layer vec = PaperNetworks.small().network(Architecture.VEC);
Prediction p = KernelPredictor.of(Gram.of(vec).withConsoleProgress()).diagReg(1e-4)
        .fit(Regime.NTK, false, xTrain, Classification.oneHot(train.labels(), 10), xTest);
Classification.accuracy(p.mean(Double.POSITIVE_INFINITY), test.labels())
