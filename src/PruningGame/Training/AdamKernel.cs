using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static PruningGame.Infrastructure.CpuTensorMemory;
using static TorchSharp.torch;

namespace PruningGame.Training;

/// <summary>
/// TorchSharp's Adam step on one CPU float32 parameter as a single pass over its memory, bit for bit the same numbers.
/// TorchSharp runs Adam as eight tensor operations per parameter (m·β1, +(1−β1)g, v·β2, +(1−β2)g², √v, /√(1−β2ᵗ), +ε,
/// p + (−lr/(1−β1ᵗ))·m/d), each a pass over the parameter and two of them allocating; on the paper's MLP that was a
/// quarter of the training step. Here each block of 2,048 elements goes through all eight while it is in L1, with the
/// same roundings as libtorch's kernels: the +αg of <c>add_</c> and the +c·g·g of <c>addcmul_</c> as fused multiply-adds,
/// the square root by the MKL routine libtorch's <c>sqrt</c> calls (vmsSqrt, high accuracy), the rest IEEE
/// float operations in libtorch's order. That equality is not assumed: <see cref="Available"/> holds only on a machine
/// where a probe of several steps and sizes gave exactly TorchSharp's numbers, and <see cref="FusedAdam"/> falls back
/// to TorchSharp's step everywhere else.
/// </summary>
internal static unsafe class AdamKernel
{
    private const int Block = 2048;
    // MKL's VML_HA | VML_FTZDAZ_OFF | VML_ERRMODE_IGNORE: the mode libtorch's vectorised sqrt passes (ATen/cpu/vml.h).
    private const long SqrtMode = 0x2 | 0x140000 | 0x100;
    // libtorch's vectorised loops take whole pairs of 8-float vectors; the remaining elements go through its scalar code.
    private const int VectorChunk = 16;

    private static readonly Lazy<(bool Ok, string Reason)> Check = new(Probe);

    /// <summary>True when this machine's fused step was verified equal to TorchSharp's Adam.</summary>
    public static bool Available => Check.Value.Ok;

    /// <summary>Why the fused step is or is not in use (doctor, tests).</summary>
    public static string Status => Check.Value.Reason;

    private static delegate* unmanaged<int, float*, float*, long, void> vmsSqrt;

    /// <summary>
    /// One Adam step (no weight decay, no AMSGrad, not maximising) of <paramref name="n"/> contiguous float32 elements:
    /// m ← β1m + (1−β1)g, v ← β2v + (1−β2)g², p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
    /// </summary>
    public static void Step(float* p, float* g, float* m, float* v, long n, long step, double lr, double beta1, double beta2, double eps)
    {
        // The scalars as libtorch receives them: computed in double by TorchSharp, rounded to float by the kernel.
        var biasCorrection1 = 1 - Math.Pow(beta1, step);
        var biasCorrection2 = 1 - Math.Pow(beta2, step);
        float b1 = (float)beta1, a1 = (float)(1 - beta1), b2 = (float)beta2, a2 = (float)(1 - beta2);
        float c2 = (float)Math.Sqrt(biasCorrection2), e = (float)eps, stepSize = (float)(-(lr / biasCorrection1));
        Vector256<float> vb1 = Vector256.Create(b1), va1 = Vector256.Create(a1), vb2 = Vector256.Create(b2), va2 = Vector256.Create(a2);
        Vector256<float> vc2 = Vector256.Create(c2), ve = Vector256.Create(e), vStep = Vector256.Create(stepSize);
        var root = stackalloc float[Block];
        var vectorEnd = n - n % VectorChunk;
        for (long start = 0; start < n; start += Block)
        {
            var length = (int)Math.Min(Block, n - start);
            long i = start, end = start + length, vectorStop = Math.Min(end, vectorEnd);
            for (; i < vectorStop; i += 8)
            {
                var gi = Avx.LoadVector256(g + i);
                Avx.Store(m + i, Fma.MultiplyAdd(gi, va1, Avx.Multiply(Avx.LoadVector256(m + i), vb1)));
                Avx.Store(v + i, Fma.MultiplyAdd(Avx.Multiply(va2, gi), gi, Avx.Multiply(Avx.LoadVector256(v + i), vb2)));
            }
            for (; i < end; i++)
            {
                m[i] = MathF.FusedMultiplyAdd(a1, g[i], m[i] * b1);
                v[i] = MathF.FusedMultiplyAdd(a2 * g[i], g[i], v[i] * b2);
            }
            vmsSqrt(length, v + start, root, SqrtMode);
            var j = 0;
            // The division, the ε and the update are exactly rounded, so vector and scalar code agree on every element.
            for (; j + 8 <= length; j += 8)
            {
                var k = start + j;
                var denominator = Avx.Add(Avx.Divide(Avx.LoadVector256(root + j), vc2), ve);
                Avx.Store(p + k, Avx.Add(Avx.LoadVector256(p + k), Avx.Divide(Avx.Multiply(vStep, Avx.LoadVector256(m + k)), denominator)));
            }
            for (; j < length; j++)
            {
                var k = start + j;
                p[k] = p[k] + stepSize * m[k] / (root[j] / c2 + e);
            }
        }
    }

    private static (bool, string) Probe()
    {
        if (!Avx.IsSupported || !Fma.IsSupported) return (false, "off: the CPU lacks AVX2/FMA");
        if (!TryResolveSqrt(out var why)) return (false, $"off: {why}");
        try
        {
            return AgreesWithTorchSharp(out var detail) ? (true, "on: verified bit-identical to TorchSharp's Adam on this machine") : (false, $"off: {detail}");
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            return (false, $"off: the probe failed ({e.Message})");
        }
    }

    private static bool TryResolveSqrt(out string why)
    {
        // libtorch_cpu is loaded by TorchSharp before any tensor exists; asking by name returns that same library.
        _ = zeros(1);
        foreach (var name in new[] { "libtorch_cpu.so", "libtorch_cpu" })
            if (NativeLibrary.TryLoad(name, typeof(TorchSharp.torch).Assembly, null, out var handle) && NativeLibrary.TryGetExport(handle, "vmsSqrt", out var address))
            {
                vmsSqrt = (delegate* unmanaged<int, float*, float*, long, void>)address;
                why = "";
                return true;
            }
        why = "libtorch_cpu exports no vmsSqrt (a libtorch built without MKL)";
        return false;
    }

    /// <summary>Several steps on sizes with and without a scalar tail, against TorchSharp's Adam, compared bit for bit.</summary>
    private static bool AgreesWithTorchSharp(out string detail)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(20261203);
        long[] sizes = [4096 + 24, 10, 2048, 7];
        var reference = sizes.Select(n => new TorchSharp.Modules.Parameter(randn(n, generator: generator) * 0.05f)).ToArray();
        var fused = reference.Select(p => (P: p.detach().clone(), M: zeros(p.shape), V: zeros(p.shape))).ToArray();
        using var adam = optim.Adam(reference, 1e-3);
        for (var step = 1; step <= 6; step++)
        {
            using var stepScope = NewDisposeScope();
            for (var k = 0; k < sizes.Length; k++)
            {
                var gradient = randn(sizes[k], generator: generator) * (float)Math.Pow(10, -step);
                if (step == 4) gradient.zero_();
                reference[k].grad = gradient.clone();
                Step(Float32s(fused[k].P), Float32s(gradient), Float32s(fused[k].M), Float32s(fused[k].V), sizes[k], step, 1e-3, 0.9, 0.999, 1e-8);
            }
            adam.step();
            for (var k = 0; k < sizes.Length; k++)
                if (reference[k].detach().ne(fused[k].P).any().item<bool>())
                {
                    detail = $"step {step} of the probe differs from TorchSharp's Adam (size {sizes[k]})";
                    return false;
                }
        }
        detail = "";
        return true;
    }
}
