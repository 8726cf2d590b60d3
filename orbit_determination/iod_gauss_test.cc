// Copyright sstrack authors.
#include "gtest/gtest.h"
