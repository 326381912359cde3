namespace PruningGame.Methods.Baselines;

/// <summary>
/// Zhu &amp; Gupta (2017)'s gradual pruning schedule: s_t = s_f + (s_i − s_f)(1 − (t − t_0)/(n Δt))³ for t in
/// [t_0, t_0 + nΔt], s_i before and s_f after. Here s_i = 0 and t counts optimizer steps.
/// </summary>
public sealed record CubicSchedule(double FinalSparsity, long StartStep, long EndStep)
{
    public double SparsityAt(long step)
    {
        if (step <= StartStep) return 0;
        if (step >= EndStep) return FinalSparsity;
        var progress = (double)(step - StartStep) / (EndStep - StartStep);
        return FinalSparsity * (1 - Math.Pow(1 - progress, 3));
    }
}
