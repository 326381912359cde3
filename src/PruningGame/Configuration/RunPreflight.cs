using PruningGame.Data;

namespace PruningGame.Configuration;

/// <summary>Checks a config against its data and this machine before any run folder is made.</summary>
public static class RunPreflight
{
    /// <summary>Valid fields, a known and available device, and a model whose input and output fit the dataset.</summary>
    public static void Check(RunConfig config, Dataset data, string source = "<config>")
    {
        config.Validate(source);
        Factories.ResolveDevice(config.Training.Device);
        var features = data.TrainImages.shape[1];
        var classes = data.Classes;
        if (config.Model.Kind == "mlp")
        {
            var sizes = config.Model.LayerSizes;
            var shown = "[" + string.Join(",", sizes) + "]";
            if (sizes[0] != features)
                throw new InvalidDataException($"Run config {source}: 'model.layerSizes' = {shown} starts with {sizes[0]} inputs, but dataset " +
                                               $"'{data.Name}' has {features} features per sample: make the first size {features}.");
            if (sizes[^1] != classes)
                throw new InvalidDataException($"Run config {source}: 'model.layerSizes' = {shown} ends with {sizes[^1]} outputs, but dataset " +
                                               $"'{data.Name}' has {classes} classes: make the last size {classes}.");
        }
        else if (config.Model.Kind == "lenet5" && (features != 28 * 28 || classes > 10))
            throw new InvalidDataException($"Run config {source}: 'model.kind' = lenet5 needs 28×28 images and at most 10 classes; dataset " +
                                           $"'{data.Name}' has {features} features and {classes} classes.");
    }
}
