using PruningGame.Tests.Training;

namespace PruningGame.Tests.Data;

/// <summary>dataset.trainSamples / testSamples: the first n samples, and never silently fewer than asked.</summary>
public sealed class DatasetSubsetTests
{
    [Fact]
    public void A_subset_takes_the_first_samples_and_all_of_them_when_asked_for_exactly_as_many()
    {
        using var data = TinyProblem.Data(train: 100, test: 40);
        using var subset = data.Take(30, null);
        Assert.Equal(30, subset.TrainLabels.shape[0]);
        Assert.Equal(40, subset.TestLabels.shape[0]);
        Assert.True(subset.TrainImages.equal(data.TrainImages.narrow(0, 0, 30)).all().item<bool>());
        using var all = data.Take(100, 40);
        Assert.Equal(100, all.TrainLabels.shape[0]);
    }

    [Theory]
    [InlineData(101, null, "'dataset.trainSamples' = 101", "100 training samples")]
    [InlineData(null, 100000000, "'dataset.testSamples' = 100000000", "40 test samples")]
    public void Asking_for_more_samples_than_the_dataset_has_is_an_error_naming_the_field_and_what_there_is(int? train, int? test, string field, string available)
    {
        using var data = TinyProblem.Data(train: 100, test: 40);
        var error = Assert.Throws<InvalidDataException>(() => data.Take(train, test));
        Assert.Contains(field, error.Message);
        Assert.Contains(available, error.Message);
        Assert.Contains(data.Name, error.Message);
    }
}
