using Dyad.Places;

namespace Dyad.Pipeline;

/// <summary><c>UsePlaces()</c> for <see cref="PipelineBuilder"/> (in this namespace so the builder needs no extra using).</summary>
public static class PlacesPipelineExtensions
{
    public static PipelineBuilder UsePlaces(this PipelineBuilder builder) => builder.Use(new PlacesStage());
}
