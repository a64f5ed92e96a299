using Dyad.Storage.Sql;
using Xunit;

namespace Dyad.Storage.Tests;

/// <summary>A period's mean Goldstein score must not depend on the order its scores were added in.</summary>
public sealed class MeanGoldsteinTests
{
    [Fact]
    public void Same_mean_whatever_the_order_of_the_sum()
    {
        double[] scores = [2.9, 7.1, -5.2, -2.3, -2.8, 5.0, 2.7, 2.9];
        double forward = 0, backward = 0;
        foreach (var s in scores)
        {
            forward += s;
        }

        for (var i = scores.Length - 1; i >= 0; i--)
        {
            backward += scores[i];
        }

        Assert.NotEqual(forward, backward); // the two sums differ in their last bit
        Assert.Equal(SqlStore.MeanGoldstein(forward, scores.Length), SqlStore.MeanGoldstein(backward, scores.Length));
        Assert.Equal(1.288, SqlStore.MeanGoldstein(backward, scores.Length)); // the double nearest 10.3, over 8, lies just above 1.2875
    }
}
